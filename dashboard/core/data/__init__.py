"""Reading and checking the tables: the schema, loading, validation, the dataset, saves, filters,
the Kyiv attack tables and the boundary files."""
