# One way to write dates and times in both languages (month names translated): "27 Nov 2026",
# "27 Nov 2026, 19:02" (24-hour clock). Numbers keep Django's formats of the language; pages
# write money and quantities through core's `formats` tag library.
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
