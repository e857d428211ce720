#!/usr/bin/env python3
import aws_cdk as cdk

from security_hub_new_critical_findings_marked_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "security-hub-new-critical-findings-marked")
app.synth()
