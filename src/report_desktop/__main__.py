from .app import main

if __name__ == "__main__":  # the renderer process (spawned) imports this module too
    raise SystemExit(main())
