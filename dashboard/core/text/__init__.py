"""A sentence read as text, no table needed: sentences, quantities with their hedges, anchors, extraction."""
