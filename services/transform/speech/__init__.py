"""Speech for videos and avatars: the local draft voice (espeak-ng) and the speech providers'
adapters (each module declaring an `ADAPTER`), and the speaker that picks one and fits its
speech to the video's length."""
