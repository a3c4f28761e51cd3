"""magnitude stage: dead, injured, arrested and crowd size of events; PLOVER scores."""
