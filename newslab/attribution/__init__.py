"""Who speaks: reporting cues, the speaker's phrase, its canonical name and type, the learned
layer, and one identity per source across a corpus (the ``sources`` table)."""
