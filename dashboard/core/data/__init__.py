"""Reading and checking the tables: the schema, loading, validation, the dataset, saves and filters."""
