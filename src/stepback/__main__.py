from stepback.cli import main

main()
