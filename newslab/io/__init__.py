"""Reading and writing: input files to the ``articles`` table, ``Corpus``, ``extract`` runs, stored output."""
