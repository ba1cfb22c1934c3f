from livetail.cli import main

raise SystemExit(main())
