"""What every layer may use: file locations, the file:row:column problem, the sector colours."""
