"""The admin's dates, for an international audience: ISO 8601 in (as the API takes them), the
month by name and the time zone out. "08/01/2020" is 8 January in London and 1 August in
Washington: the admin neither shows nor reads it, as the API refuses it."""

DATE_FORMAT = "j F Y"  # 8 January 2020
DATETIME_FORMAT = "j F Y, H:i T"  # 11 January 2020, 22:00 UTC
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i T"
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
