# Day before month, short month names: "1 Dec 2026", as the desk has always read them.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATETIME_FORMAT = "j M H:i"  # recent events (notifications, feed checks): no year
