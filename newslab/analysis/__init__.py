"""The numbers behind every chart: pure functions from a corpus to tidy tables."""
