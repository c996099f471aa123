# Spanish abbreviates months in lower case ("1 dic 2026"); Django's own Spanish formats
# ("1 de diciembre de 2026 a las 10:00") are too long for the workbench's tables.
DATE_FORMAT = "j b Y"
DATETIME_FORMAT = "j b Y H:i"
SHORT_DATETIME_FORMAT = "j b H:i"  # recent events (notifications, feed checks): no year
