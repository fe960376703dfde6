"""Operations: the commands that start and run everything (``serve``, ``worker``, ``tick``)."""
