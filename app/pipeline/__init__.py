"""Qt-free pipeline: image I/O, the model zoo, jobs and the functions the CLI and the GUI share."""
