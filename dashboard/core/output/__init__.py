"""What leaves the app: CSV, Excel and JSON, images, decks, citations, ClaimReview."""
