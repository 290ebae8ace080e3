"""From a sentence to its evidence: anchors, sentences, quantities, extraction, provenance, credits."""
