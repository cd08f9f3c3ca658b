"""Democratic services screens under /manage/meetings/: thin views over the services."""
