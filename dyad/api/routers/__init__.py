"""One router per resource: events, articles, actors, dyads, flags, health."""
