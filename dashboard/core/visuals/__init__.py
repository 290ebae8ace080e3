"""Charts and maps: figures with their captions, geometry, Kyiv's districts, colours."""
