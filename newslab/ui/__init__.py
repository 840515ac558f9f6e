"""What people see: charts, ipywidgets explorers, the workshop, HTML reports and the command line."""
