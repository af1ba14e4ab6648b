namespace BeyondGan.Audio.Data;

/// <summary>Bad audio input: the message is one line that names the file (and what is wrong with it).</summary>
public sealed class AudioDataException(string message, Exception? inner = null) : Exception(message, inner);
