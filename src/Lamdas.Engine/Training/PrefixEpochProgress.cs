namespace Lamdas.Engine.Training;

/// <summary>
/// One epoch of prefix training, as <see cref="PrefixTrainer.EpochDone"/> reports it: epoch <see cref="Epoch"/> of at
/// most <see cref="Epochs"/> (0: the initialisation, with no training NLL or time), the mean training NLL during the
/// epoch, the validation NLL after it (on held-out documents when <see cref="HeldOut"/>, otherwise on the training
/// windows) and the seconds it took.
/// </summary>
public sealed record PrefixEpochProgress(int Epoch, int Epochs, double? TrainNll, double ValidationNll, bool HeldOut, double? Seconds);
