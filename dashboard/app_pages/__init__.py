"""One thin script per page, run by Streamlit from app.py's navigation; pages never import each other."""
