"""Taalplezier sessions in the chat: the list, Ik kom / Ik kom niet, reminders, "Was je er?"."""
