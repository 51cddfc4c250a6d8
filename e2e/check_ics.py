"""Parses an .ics file with icalendar and checks the weekly block.

Usage: check_ics.py FILE. Prints a JSON summary of the calendar's events and exits 0 when the
file parses as a VCALENDAR holding at least one VEVENT that lasts exactly 60 minutes (DTEND -
DTSTART, or DURATION) with a summary; otherwise prints why and exits 1.
"""

import json
import sys
from datetime import date, datetime, timedelta

from icalendar import Calendar


def minutes(event):
    start = event.get("dtstart")
    if start is None:
        return None
    start = start.dt
    if event.get("duration") is not None:
        return event["duration"].dt.total_seconds() / 60
    end = event.get("dtend")
    if end is None:
        return None
    end = end.dt
    if isinstance(start, datetime) != isinstance(end, datetime):
        return None
    if isinstance(start, date) and not isinstance(start, datetime):
        return (end - start) / timedelta(minutes=1)
    return (end - start).total_seconds() / 60


def main(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        cal = Calendar.from_ical(raw)
    except ValueError as err:
        print(f"{path}: does not parse as iCalendar: {err}", file=sys.stderr)
        return 1
    if cal.name != "VCALENDAR":
        print(f"{path}: top component is {cal.name}, not VCALENDAR", file=sys.stderr)
        return 1
    events = []
    for ev in cal.walk("VEVENT"):
        start = ev.get("dtstart")
        events.append(
            {
                "summary": str(ev.get("summary", "")),
                "uid": str(ev.get("uid", "")),
                "start": start.dt.isoformat() if start is not None else None,
                "minutes": minutes(ev),
                "rrule": ev["rrule"].to_ical().decode() if ev.get("rrule") is not None else None,
                "description": str(ev.get("description", ""))[:200],
            }
        )
    summary = {
        "version": str(cal.get("version", "")),
        "prodid": str(cal.get("prodid", "")),
        "events": events,
    }
    print(json.dumps(summary, indent=1))
    if not events:
        print(f"{path}: no VEVENT", file=sys.stderr)
        return 1
    if not any(e["minutes"] == 60 and e["summary"].strip() for e in events):
        print(f"{path}: no VEVENT of 60 minutes with a summary", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
