"""Accuracy measured on annotated corpora (``make eval``): attribution on PolNeAR, stance on NewsMTSC."""
