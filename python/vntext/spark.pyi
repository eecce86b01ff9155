from typing import Optional

from pyspark.sql import DataFrame
from pyspark.sql.types import StructType

SCHEMA: StructType
ENTITY: StructType
EVENT: StructType
ATTENDEE: StructType

def extract_dataframe(
    df: DataFrame,
    text_col: str = "text",
    *,
    id_col: Optional[str] = "id",
    title_col: Optional[str] = "title",
    date_col: Optional[str] = "date",
    threads: Optional[int] = 1,
    max_report_mb: int = 64,
    keep_text: bool = True,
) -> DataFrame: ...
def entities(docs: DataFrame) -> DataFrame: ...
def deadlines(docs: DataFrame) -> DataFrame: ...
def attendees(docs: DataFrame) -> DataFrame: ...
