"""The ground floor: table schemas, word-list reading, NLTK import. Imports nothing else in newslab
but ``newslab.errors``."""
