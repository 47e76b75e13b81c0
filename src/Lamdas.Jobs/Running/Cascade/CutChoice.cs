namespace Lamdas.Jobs.Running;

/// <summary>The chosen cut (null: every document passes) and what the pilot says about it.</summary>
/// <param name="Cut">first-stage score a document needs to reach the LLM; null lets every document through.</param>
/// <param name="Kept">pilot documents plain LAMDAS keeps.</param>
/// <param name="Hits">of those, the ones at or above the cut.</param>
/// <param name="Recall">Hits / Kept.</param>
/// <param name="RecallLower">the recall's lower confidence bound.</param>
/// <param name="PassRate">share of the pilot at or above the cut.</param>
public sealed record CutChoice(double? Cut, int Kept, int Hits, double Recall, double RecallLower, double PassRate);
