//! Built-in sample CodeDeploy events (two are AWS's own samples verbatim). Imports nothing else.

/// One sample event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub id: &'static str,
    pub label: &'static str,
    pub json: &'static str,
}

macro_rules! samples {
    ($($id:literal, $label:literal;)*) => {
        /// Every sample, deployment events first.
        pub const SAMPLES: &[Sample] = &[$(Sample { id: $id, label: $label, json: include_str!(concat!("samples/", $id, ".json")) }),*];
    };
}

samples! {
    "codedeploy-deployment-start", "Deployment START";
    "codedeploy-deployment-ready", "Deployment READY (blue/green)";
    "codedeploy-deployment-success", "Deployment SUCCESS";
    "codedeploy-deployment-failure", "Deployment FAILURE";
    "codedeploy-deployment-stop", "Deployment STOP";
    "codedeploy-deployment-success.aws-doc-sample", "Deployment SUCCESS (AWS sample)";
    "codedeploy-instance-start", "Instance START";
    "codedeploy-instance-success", "Instance SUCCESS";
    "codedeploy-instance-failure", "Instance FAILURE";
    "codedeploy-instance-success.aws-doc-sample", "Instance SUCCESS (AWS sample)";
}

/// The sample event the app opens with (an index into `SAMPLES`): the blue/green READY event.
pub const OPENING: usize = 1;

/// Looks a sample up by id.
pub fn sample(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}
