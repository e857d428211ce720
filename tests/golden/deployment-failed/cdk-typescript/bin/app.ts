#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/deployment-failed-view-details-stack";

const app = new cdk.App();
new ChatOpsStack(app, "deployment-failed-view-details");
app.synth();
