"""Pages of the prevention app: pledges (:mod:`.pledges`), briefings (:mod:`.briefings`),
friendly reminders (:mod:`.reminders`)."""
