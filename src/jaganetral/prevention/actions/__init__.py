"""Writes of the prevention app: pledge campaigns (:mod:`.pledges`), briefings and quiz answers
(:mod:`.briefings`), friendly reminders (:mod:`.reminders`)."""
