"""The guided interview: steps, their forms, and how answers are kept between pages."""
