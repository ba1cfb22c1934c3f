-- 0006: the extractor version that last reconciled each source's page. A poll under another
-- version (an upgrade that changed what extraction gives) re-baselines the page silently instead
-- of announcing every changed text as an edit. NULL: reconciled before versions were recorded.
ALTER TABLE sources ADD COLUMN extractor INTEGER
