"""Charts and maps: figures with their captions and source lines, the cards, the views."""
