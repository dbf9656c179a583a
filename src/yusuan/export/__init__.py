"""Export: the model as something else (readable text, CSV, …)."""
