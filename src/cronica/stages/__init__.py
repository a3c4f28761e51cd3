"""The pipeline's stages, one package each, in data-flow order:
language -> nlp -> actors -> events -> time -> place -> attribution (reading is ``cronica.read``)."""
