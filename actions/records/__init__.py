"""The company's supplier records and the reference facts, in an SQL database.

SQLAlchemy 1.4 written in the 2.0 style (select(), Session.execute, future
engines). One engine per process (made on first use, never at import time),
one session per unit of work.
"""
