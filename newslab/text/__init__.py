"""Text: language, quotation marks, sentences and page furniture, with character offsets."""
