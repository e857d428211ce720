#!/usr/bin/env python3
import aws_cdk as cdk

from deployment_failed_view_details_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "deployment-failed-view-details")
app.synth()
