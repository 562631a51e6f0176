"""The grader behind labs/check: builds a student's file with the project and
runs it under every configuration its exercise must hold for."""
