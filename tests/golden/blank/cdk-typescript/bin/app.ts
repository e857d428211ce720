#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/blank-design-stack";

const app = new cdk.App();
new ChatOpsStack(app, "blank-design");
app.synth();
