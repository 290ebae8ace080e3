"""Evidence for a drawn mark: provenance, credits, check cards, the reader, text alternatives."""
