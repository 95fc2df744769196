"""Qt-free pipeline: image I/O, the model zoo, jobs. Importing ``models`` first sets Paddle's thread count
before anything here imports paddle."""
import models  # noqa: F401
