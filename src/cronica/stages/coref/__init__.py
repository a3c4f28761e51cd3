"""event_coref stage: mentions of one event across an article become one record."""
