"""Helpers shared by the tests: real servers, a WebSocket client, browser watching."""
