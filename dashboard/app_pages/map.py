"""Map: Ukraine's regions and Kyiv's districts (drawn in the maps issue)."""

from __future__ import annotations

import streamlit as st

st.title("Map")
st.info("The maps of Ukraine's regions and Kyiv's districts come next.")
