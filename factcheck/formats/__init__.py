"""Date formats per language (FORMAT_MODULE_PATH): the templates name DATE_FORMAT,
DATETIME_FORMAT and SHORT_DATETIME_FORMAT, and each language says how it writes them. A
language without a module here gets Django's own formats for it; numbers (the decimal
separator) always come from Django's formats for the active language."""
