"""The post library sidebar: its list model, the row painter and the view with search."""
